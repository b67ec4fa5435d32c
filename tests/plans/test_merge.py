from twinning.plans.domain.merge import DiffLine, compare_texts, merge_texts, paragraphs

BASE = "Context.\n\nAmbition.\n\nTimeline."


def test_paragraphs_split_on_blank_lines_and_drop_windows_line_ends():
    assert paragraphs("One\r\nline.\r\n\r\n  \r\nTwo.") == ["One\nline.", "Two."]


def test_merge_edits_of_different_paragraphs_keeps_both():
    mine = "Context, revised.\n\nAmbition.\n\nTimeline."
    theirs = "Context.\n\nAmbition.\n\nTimeline to 2030."

    assert merge_texts(BASE, mine, theirs) == "Context, revised.\n\nAmbition.\n\nTimeline to 2030."


def test_merge_insertions_at_different_places_keeps_both():
    mine = "Context.\n\nNew after context.\n\nAmbition.\n\nTimeline."
    theirs = "Context.\n\nAmbition.\n\nTimeline.\n\nNew at the end."

    assert merge_texts(BASE, mine, theirs) == (
        "Context.\n\nNew after context.\n\nAmbition.\n\nTimeline.\n\nNew at the end."
    )


def test_merge_edits_of_the_same_paragraph_is_a_conflict():
    assert merge_texts(BASE, "Mine.\n\nAmbition.\n\nTimeline.", "Theirs.\n\nAmbition.") is None


def test_merge_of_two_first_texts_is_a_conflict():
    assert merge_texts("", "Torino writes.", "Évora writes.") is None


def test_merge_of_the_same_edit_by_both_is_that_edit():
    same = "Context.\n\nAmbition, agreed.\n\nTimeline."

    assert merge_texts(BASE, same, same) == same


def test_compare_marks_removed_and_added_lines():
    assert compare_texts("a\nb\nc", "a\nB\nc") == [
        DiffLine("same", "a"),
        DiffLine("removed", "b"),
        DiffLine("added", "B"),
        DiffLine("same", "c"),
    ]
