"""Canonical URLs and the non-public address deny-list."""

from __future__ import annotations

import pytest

from services.crawler.netguard import address_allowed, literal_ip
from services.crawler.urls import article_id, canonicalize, host_key, resolve


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
