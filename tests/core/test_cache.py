"""The Redis cache backend keeps one client per connection pool (no server needed)."""

from peduliham.core.cache import RedisCache


def test_it_reuses_one_client_per_pool() -> None:
    cache = RedisCache("redis://127.0.0.1:6379/9", {})
    first = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is first
    assert cache._cache.get_client("c", write=True) is first  # one server: one pool


def test_each_server_gets_its_own_client() -> None:
    cache = RedisCache("redis://127.0.0.1:6379/9;redis://127.0.0.1:6380/9", {})
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client()  # reads go to the replica
    assert reader is not writer
    assert reader.connection_pool.connection_kwargs["port"] == 6380
