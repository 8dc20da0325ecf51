"""Text features for the narrative classifier: TF-IDF over word uni/bigrams and character 3-5-grams.

Character n-grams carry the model across the five training languages (Cyrillic, Devanagari and Latin
scripts alike) without a tokenizer per language; word n-grams add phrase-level cues. The two blocks
are L2-normalised separately and weighted equally, so a document's vector has unit length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

BLOCK_WEIGHT = 0.5**0.5


@dataclass(frozen=True)
class FeatureConfig:
    word_features: int = 100_000
    char_features: int = 150_000
    word_min_df: int = 2
    char_min_df: int = 3


def word_vectorizer(config: FeatureConfig, **fitted) -> TfidfVectorizer:
    return TfidfVectorizer(
        sublinear_tf=True,
        ngram_range=(1, 2),
        min_df=config.word_min_df,
        max_features=config.word_features,
        dtype=np.float32,
        **fitted,
    )


def char_vectorizer(config: FeatureConfig, **fitted) -> TfidfVectorizer:
    return TfidfVectorizer(
        sublinear_tf=True,
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=config.char_min_df,
        max_features=config.char_features,
        dtype=np.float32,
        **fitted,
    )


class TextFeatures:
    """Fitted word and character TF-IDF vectorizers; ``transform`` gives one unit-length row per text."""

    def __init__(self, words: TfidfVectorizer, chars: TfidfVectorizer) -> None:
        self.words = words
        self.chars = chars

    @classmethod
    def fit_transform(cls, texts: Sequence[str], config: FeatureConfig) -> tuple[TextFeatures, sp.csr_matrix]:
        """Fitted features and the feature matrix of the texts they were fitted on."""
        words, chars = word_vectorizer(config), char_vectorizer(config)
        blocks = [words.fit_transform(texts), chars.fit_transform(texts)]
        return cls(words, chars), (sp.hstack(blocks, format="csr") * BLOCK_WEIGHT).astype(np.float32)

    @classmethod
    def from_arrays(
        cls, word_terms: list[str], word_idf: np.ndarray, char_terms: list[str], char_idf: np.ndarray
    ) -> TextFeatures:
        """Rebuild fitted vectorizers from their vocabularies and idf weights (what a saved model keeps)."""
        config = FeatureConfig()
        words = word_vectorizer(config, vocabulary={term: i for i, term in enumerate(word_terms)})
        chars = char_vectorizer(config, vocabulary={term: i for i, term in enumerate(char_terms)})
        for vectorizer, idf in ((words, word_idf), (chars, char_idf)):
            vectorizer.fit(
                ["x"]
            )  # validates the fixed vocabulary; the idf is then replaced by the trained one
            vectorizer.idf_ = np.asarray(idf, dtype=np.float64)
        return cls(words, chars)

    def arrays(self) -> tuple[list[str], np.ndarray, list[str], np.ndarray]:
        return (
            list(self.words.get_feature_names_out()),
            self.words.idf_.astype(np.float32),
            list(self.chars.get_feature_names_out()),
            self.chars.idf_.astype(np.float32),
        )

    @property
    def size(self) -> int:
        return len(self.words.vocabulary_) + len(self.chars.vocabulary_)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        blocks = [self.words.transform(texts), self.chars.transform(texts)]
        return (sp.hstack(blocks, format="csr") * BLOCK_WEIGHT).astype(np.float32)
