"""STAR: a self-hostable platform for running a Children & Families anti-racism programme as a measured cycle."""

import os

# One BLAS thread per process, set before numpy loads: web workers and test workers already use every
# core, and threaded BLAS competing for them made the disclosure checks about 15 times slower
# (docs/performance.md).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
