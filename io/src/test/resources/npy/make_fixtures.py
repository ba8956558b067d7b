"""Writes the .npy fixtures of NpyTest with NumPy itself (run: python make_fixtures.py; numpy >= 1.17)."""
import numpy as np
from numpy.lib import format as npformat

a = np.arange(6, dtype=np.float32).reshape(2, 3) / 4
np.save("f4_c.npy", a)
np.save("f8_big_endian.npy", (np.arange(6).reshape(2, 3) / 8).astype(">f8"))
np.save("i8_fortran.npy", np.asfortranarray(np.arange(24, dtype=np.int64).reshape(2, 3, 4)))
np.save("u1_mask.npy", np.array([[0, 1, 255], [7, 8, 9]], dtype=np.uint8))
np.save("i4_scalar.npy", np.array(7, dtype=np.int32))
with open("f4_v2.npy", "wb") as f:
    npformat.write_array(f, a, version=(2, 0))
with open("f4_v3.npy", "wb") as f:
    npformat.write_array(f, a, version=(3, 0))
np.save("c16_complex.npy", np.zeros(2, dtype=np.complex128))
