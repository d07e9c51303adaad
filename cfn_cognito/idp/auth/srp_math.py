"""SRP-6a as Cognito does it: the group, the hashes and the password verifier.

Cognito's client libraries (amazon-cognito-identity-js, pycognito) fix every detail here: the
3072-bit group of RFC 5054 with g = 2, SHA-256, and "padHex" (lowercase hex, even length,
"00" in front when the first nibble is 8 or more) wherever a number is hashed.
Modular exponentiation goes through gmpy2 (about 8× Python's pow at this size).
"""

from __future__ import annotations

import hashlib
import threading

import gmpy2

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = gmpy2.mpz(N_HEX, 16)
G = gmpy2.mpz(2)


def pad_hex(value) -> str:
    """Cognito's padHex: lowercase hex of even length, with a leading 00 if the top bit is set."""
    text = value if isinstance(value, str) else format(int(value), "x")
    text = text.lower()
    if len(text) % 2:
        text = "0" + text
    elif text[0] in "89abcdef":
        text = "00" + text
    return text


def hash_hex(hex_text: str) -> str:
    """SHA-256 of the bytes a hex string spells, as 64 lowercase hex characters."""
    return hashlib.sha256(bytes.fromhex(hex_text)).hexdigest()


def hex_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


K = gmpy2.mpz(hash_hex(pad_hex(N) + pad_hex(G)), 16)


def pool_name(pool_id: str) -> str:
    """The part of a pool id after the underscore, which Cognito hashes into x."""
    return pool_id.split("_", 1)[1]


def private_x(pool_id: str, user_id_for_srp: str, password: str, salt_hex: str):
    inner = hex_hash(f"{pool_name(pool_id)}{user_id_for_srp}:{password}".encode("utf-8"))
    return gmpy2.mpz(hash_hex(pad_hex(salt_hex) + inner), 16)


def powmod(base, exponent):
    return gmpy2.powmod(base, exponent, N)


# g^e for the exponents the server raises g to (a verifier's x and the secret b: 256 bits)
# by a fixed-base window table: products of g^(d·256^i) for each byte d of e, 32
# multiplications instead of ~380 for a generic powmod (about 10× faster; the table is
# ~3.5 MiB, built on first use in ~35 ms). Larger exponents take the generic way.
_WINDOW_BITS = 8
_TABLE_BITS = 256
_table: list[list] | None = None
_table_lock = threading.Lock()


def _g_table() -> list[list]:
    global _table
    with _table_lock:
        if _table is None:
            rows, base = [], G
            for _ in range(0, _TABLE_BITS, _WINDOW_BITS):
                row = [gmpy2.mpz(1)]
                for _ in range((1 << _WINDOW_BITS) - 1):
                    row.append(row[-1] * base % N)
                rows.append(row)
                base = gmpy2.powmod(base, 1 << _WINDOW_BITS, N)
            _table = rows
        return _table


def power_of_g(exponent):
    """g^exponent mod N (exponent ≥ 0)."""
    e = int(exponent)
    if e.bit_length() > _TABLE_BITS:
        return gmpy2.powmod(G, e, N)
    rows = _table or _g_table()
    result, mask = gmpy2.mpz(1), (1 << _WINDOW_BITS) - 1
    for row in rows:
        if not e:
            break
        digit = e & mask
        if digit:
            result = result * row[digit] % N
        e >>= _WINDOW_BITS
    return result


def make_verifier(pool_id: str, user_id_for_srp: str, password: str, rng) -> tuple[str, str]:
    """A fresh (salt hex, verifier hex) for a password; the server keeps these, never x."""
    # As AWS sends it: 16 random bytes, 32 hex digits, no sign byte (clients add it). Not a
    # first byte of 00: clients disagree on its padding (amazon-cognito-identity-js drops
    # leading zeros, pycognito keeps them), so one of them would fail for such a user.
    salt = 0
    while not salt >> 120:
        salt = rng.getrandbits(128)
    salt_hex = f"{salt:032x}"
    x = private_x(pool_id, user_id_for_srp, password, salt_hex)
    return salt_hex, format(int(power_of_g(x)), "x")
