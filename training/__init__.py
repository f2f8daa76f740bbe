"""Training runs, apart from the code that serves (as open_clip keeps ``open_clip_train``
apart from ``open_clip``): the catalog-trained image tower (``training.clip``) and the
two-tower retriever with its rankers (``training.rank``). They write the model files that
``retrieval`` and ``legacy_rank`` load; nothing that serves imports this package, only the
CLI's ``train`` commands, the evals and the tests."""
