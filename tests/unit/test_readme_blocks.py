"""The docs test's extractor: which README blocks it runs, and in what order."""

from readme_blocks import sections

TEXT = """# t
```sh
top
```
## One
x
```sh
a
b
```
### part
```text
not run
```
````sh
c ```
````
## Two
```console
$ shown
```
"""


def test_blocks_are_grouped_by_level_two_section_in_order():
    found = sections(TEXT)
    assert [s.title for s in found] == ["(top)", "One", "Two"]
    assert [(b.tag, b.text) for b in found[1].blocks] == [
        ("sh", "a\nb\n"), ("text", "not run\n"), ("sh", "c ```\n")]
    assert [b.text for b in found[1].tagged("sh")] == ["a\nb\n", "c ```\n"]
    assert found[1].blocks[0].line == 7
