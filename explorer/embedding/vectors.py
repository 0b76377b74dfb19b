"""Vector helpers shared by the engine's neighbours: comparison, calibration and the benchmark."""

import numpy as np


def unit_rows(x: np.ndarray) -> np.ndarray:
    """Each row (or a single vector) scaled to length 1; a zero row stays zero. Keeps the dtype."""
    x = np.asarray(x)
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return np.ascontiguousarray(x / np.where(norms == 0, 1, norms))
