"""Our relative links answer exactly as MkDocs' get_relative_url, which they replace."""

from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url

from publish._links import relative_url

segment = st.sampled_from(["en", "resources", "data", "a.b", "index.html", "charts", "x.csv"])
# the site's addresses: "" (the root), "a/b", "a/b/" (a page), "a/b.csv" (a file); never "a//b"
address = st.builds(
    lambda parts, slash: "/".join(parts) + ("/" if slash and parts else ""),
    st.lists(segment, max_size=4),
    st.booleans(),
)


@given(address, address)
def test_relative_url_matches_mkdocs(target, page):
    assert relative_url(target, page) == get_relative_url(target, page)


def test_worked_examples():
    assert relative_url("data/charts/r.csv", "en/resources/") == "../../data/charts/r.csv"
    assert relative_url("report/", "index.html") == "report/"
    assert relative_url("assets/x.js", ".") == "assets/x.js"
