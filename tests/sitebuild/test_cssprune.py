"""The CSS pruner that keeps notebook pages light: rules by class, custom properties by use."""

from sitebuild import cssprune
from sitebuild.cssprune import prune


def test_a_rule_stays_when_one_of_its_selectors_names_only_used_classes():
    css = ".a .b, .z{color:red}.a .z{color:blue}div{margin:0}"
    assert prune(css, {"a", "b"}) == ".a .b{color:red}div{margin:0}"


def test_selectors_inside_functions_and_pseudo_classes_count():
    assert prune(".a:not(.z){x:1}", {"a"}) == ""
    assert prune(".a:is(.b, .c)::before{x:1}", {"a", "b", "c"}) == ".a:is(.b, .c)::before{x:1}"


def test_grouping_blocks_keep_their_used_rules_and_other_at_rules_go():
    css = '@charset "UTF-8";@media (max-width: 10px){.a{x:1}.z{x:2}}@supports (display:grid){.z{x:3}}' \
          "@font-face{font-family:F;src:url(f.woff2)}@keyframes k{from{x:0}to{x:1}}"
    assert prune(css, {"a"}) == "@media (max-width: 10px){.a{x:1}}"


def test_custom_properties_stay_only_when_read_directly_or_through_others():
    css = ":root{--a:var(--b);--b:1px;--c:2px;--d:var(--c)}.x{margin:var(--a)}"
    assert prune(css, {"x"}) == ":root{--a:var(--b);--b:1px}.x{margin:var(--a)}"


def test_semicolons_and_braces_inside_strings_and_urls_do_not_split():
    css = '.a{background:url("data:image/svg+xml;utf8,<svg/>");content:"{;}"}'
    assert prune(css, {"a"}) == css


def test_comments_go_and_a_rule_left_empty_is_dropped():
    assert prune("/* note {x} */.a{--unused:1}.b{x:1}", {"a", "b"}) == ".b{x:1}"


def test_used_classes_reads_every_class_attribute():
    html = '<div class="a  b"><p class=\'c\'>x</p><span id="d"></span></div>'
    assert cssprune.used_classes(html) == {"a", "b", "c"}
