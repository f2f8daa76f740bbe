"""The classical recall -> rank funnel trained on real interactions
(``../shared/data/amazon-clothing/``). So far: the interaction loader (reports and skips
malformed rows), the temporal leave-last-out split, and the baselines every model must
beat (random, popularity, item-item co-occurrence). The two-tower model and the ranker
are the next steps of the legacy_rank issue."""

from legacy_rank.baselines import CooccurrenceRecommender, PopularityRecommender, RandomRecommender
from legacy_rank.data import Interactions, LoadIssue, Split, load_interactions, temporal_split

__all__ = ["CooccurrenceRecommender", "Interactions", "LoadIssue", "PopularityRecommender", "RandomRecommender",
           "Split", "load_interactions", "temporal_split"]
