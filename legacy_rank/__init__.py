"""The classical recall -> rank funnel trained on real interactions
(``../shared/data/amazon-clothing/``): the interaction loader (reports and skips malformed
rows), the temporal leave-last-out split, the baselines (random, popularity, item-item
co-occurrence), the two-tower retriever (``two_tower``), the LightGBM LambdaRank ranker
(``ranker``), their artifacts (``artifacts``; the runs that write them are in
``training.rank``), and serving on Atelier's own catalog (``serving.CatalogRecommender``).

Only the light parts are imported here; torch and lightgbm load with the modules that
need them."""

from legacy_rank.baselines import (
    CooccurrenceRecommender,
    PopularityRecommender,
    RandomRecommender,
)
from legacy_rank.data import (
    Interactions,
    LoadIssue,
    Split,
    load_interactions,
    temporal_split,
)

__all__ = [
    "CooccurrenceRecommender",
    "Interactions",
    "LoadIssue",
    "PopularityRecommender",
    "RandomRecommender",
    "Split",
    "load_interactions",
    "temporal_split",
]
