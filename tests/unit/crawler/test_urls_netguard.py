"""Canonical URLs and the non-public address deny-list."""

from __future__ import annotations

import pytest

from services.crawler.netguard import (
    AddressPolicy,
    BlockedAddress,
    address_allowed,
    literal_ip,
    normalize_host,
    url_host,
)
from services.crawler.urls import article_id, canonicalize, host_key, registrable_domain, resolve, same_site


@pytest.mark.parametrize(
    "url",
    [
        "https://BaoNgheAn.vn:443/a-post1.html?utm_source=fb&utm_medium=x#comments",
        "https://baonghean.vn/a-post1.html?fbclid=abc",
        "https://baonghean.vn/a-post1.html;jsessionid=XYZ?gclid=1",
        "https://baonghean.vn/a-post1.html?zarsrc=30&utm_campaign=z",
    ],
)
def test_tracking_variants_share_one_canonical_url(url: str) -> None:
    assert canonicalize(url) == "https://baonghean.vn/a-post1.html"
    assert article_id(canonicalize(url)) == article_id("https://baonghean.vn/a-post1.html")


def test_meaningful_params_are_kept_sorted_and_liferay_state_dropped() -> None:
    url = "http://x.gov.vn/web/guest/tin?p_p_id=news_INSTANCE_ab&p_p_lifecycle=0&id=5&cat=2"
    assert canonicalize(url) == "http://x.gov.vn/web/guest/tin?cat=2&id=5"
    assert canonicalize("http://x.vn:8080/a?b=1") == "http://x.vn:8080/a?b=1"


def test_resolve_and_host_key() -> None:
    assert resolve("https://a.vn/x/y.html", "../z.html#f") == "https://a.vn/z.html"
    assert resolve("https://a.vn/", "javascript:void(0)") is None
    assert resolve("https://a.vn/", "mailto:a@b.vn") is None
    assert host_key("https://A.vn:8443/x") == "a.vn:8443"


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
     "198.18.0.1", "224.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
     "2001:db8::1", "192.0.0.8", "255.255.255.255", "not-an-ip"],
)
def test_non_public_addresses_are_denied(address: str) -> None:
    assert not address_allowed(address)


@pytest.mark.parametrize("address", ["14.225.1.1", "203.162.0.1", "8.8.8.8", "2404:6800::1", "::ffff:14.225.1.1"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_allowed(address)


def test_loopback_only_when_allowed_and_never_link_local() -> None:
    assert address_allowed("127.0.0.1", allow_loopback=True) and address_allowed("::1", allow_loopback=True)
    assert not address_allowed("169.254.169.254", allow_loopback=True)
    assert not address_allowed("10.0.0.1", allow_loopback=True)


def test_literal_ip() -> None:
    assert literal_ip("[::1]") == "::1" and literal_ip("127.0.0.1") == "127.0.0.1" and literal_ip("a.vn") is None


SPELLINGS_OF_127_0_0_2 = ["１２７.０.０.２", "127。0。0。2", "2130706434", "0177.0.0.2", "0x7f.0.0.2", "0x7f000002",
                          "127.2", "[::ffff:127.0.0.2]", "::ffff:7f00:2", "127.0.0.2.", "127.0.0.2"]


@pytest.mark.parametrize("host", SPELLINGS_OF_127_0_0_2)
def test_every_spelling_the_client_accepts_is_read_as_the_address_it_connects_to(host: str) -> None:
    assert normalize_host(host) == "127.0.0.2" and literal_ip(host) == "127.0.0.2"
    with pytest.raises(BlockedAddress):
        AddressPolicy(frozenset({"localhost"})).check_target(host)


@pytest.mark.parametrize(("host", "expected"), [
    ("LocalHost.", "localhost"), ("bücher.de", "xn--bcher-kva.de"), ("08.1.1.1", "08.1.1.1"),
    ("1.2.3.4.5", "1.2.3.4.5"), ("127.0.0.256", "127.0.0.256"), ("0x7f.1", "127.0.0.1"), ("999", "0.0.3.231"),
])
def test_names_stay_names_and_numeric_forms_become_addresses(host: str, expected: str) -> None:
    assert normalize_host(host) == expected


def test_url_host_reads_urls_like_aiohttp() -> None:
    assert url_host("http://１２７.０.０.２:8080/x") == "127.0.0.2"
    assert url_host("http://user@127.0.0.2/") == "127.0.0.2"
    assert url_host("javascript:alert(1)") is None and url_host("ftp://a.vn/") is None


def test_a_policy_admits_loopback_only_for_its_own_hosts_and_their_addresses() -> None:
    policy = AddressPolicy(frozenset({"localhost", "127.0.0.3"}))
    assert policy.admit_resolved("localhost", ["127.0.0.1", "::1"]) == ["127.0.0.1", "::1"]
    assert policy.admit_resolved("evil.test", ["127.0.0.2", "14.225.1.1"]) == ["14.225.1.1"]
    policy.check_peer("127.0.0.1")  # localhost resolved to it
    policy.check_peer("127.0.0.3")  # an own literal host
    policy.check_peer("::ffff:127.0.0.1")
    policy.check_target("127.0.0.3")
    for peer in ("127.0.0.2", "10.0.0.1", "169.254.169.254"):
        with pytest.raises(BlockedAddress):
            policy.check_peer(peer)
    with pytest.raises(BlockedAddress):
        AddressPolicy().check_peer("127.0.0.1")
    AddressPolicy(allow_all_loopback=True).check_peer("127.0.0.9")


@pytest.mark.parametrize(("url", "other", "same"), [
    ("https://hiephoa.bacgiang.gov.vn/a", "https://bacgiang.gov.vn/b", True),
    ("https://baobacgiang.vn/a", "https://www.baobacgiang.vn/b", True),
    ("https://a.gov.vn/a", "https://b.gov.vn/b", False),
    ("http://127.0.0.2:5/a", "http://localhost:5/b", False),
    ("http://localhost:5/a", "http://localhost:6/b", True),
])
def test_same_site_is_the_registrable_domain(url: str, other: str, same: bool) -> None:
    assert same_site(url, other) is same


def test_a_sources_declared_hosts_count_as_its_own_site() -> None:
    assert same_site("https://x.vn/a", "https://y.vn/b", frozenset({"x.vn", "y.vn"}))
    assert registrable_domain("127.0.0.1") == "127.0.0.1" and registrable_domain("localhost") == "localhost"


def test_host_spellings_share_one_article_identity() -> None:
    spellings = ["https://ｂａｏｎｇｈｅａｎ.vn/a-post1.html", "https://BAONGHEAN.vn./a-post1.html?utm_source=x"]
    assert {canonicalize(u) for u in spellings} == {"https://baonghean.vn/a-post1.html"}
    assert canonicalize("http://[::1]:8080/x") == "http://[::1]:8080/x"
