"""Retrieval: query understanding, text vectors, the vector stores and hybrid search.

Public API::

    from retrieval import ProductSearch, parse_query, SearchFilters, QueryError, ingest
"""

from retrieval.indexer import IngestSummary, ingest, sync_payloads
from retrieval.query_parser import ParsedQuery, QueryError, SearchFilters, parse_query, validate_query
from retrieval.search import PriceOrder, ProductSearch, Relaxation, SearchResponse, SearchResult

__all__ = [
    "IngestSummary",
    "ParsedQuery",
    "PriceOrder",
    "ProductSearch",
    "QueryError",
    "Relaxation",
    "SearchFilters",
    "SearchResponse",
    "SearchResult",
    "ingest",
    "parse_query",
    "sync_payloads",
    "validate_query",
]
