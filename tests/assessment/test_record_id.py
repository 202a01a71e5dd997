"""`record_id`: the ids an answer names, as JSON or a form sends them."""

from hypothesis import given
from hypothesis import strategies as st

from peduliham.assessment.forms_exams import MAX_RECORD_ID, record_id


@given(st.integers(min_value=1, max_value=MAX_RECORD_ID))
def test_a_positive_id_is_read_as_a_number_or_as_text(number: int) -> None:
    assert record_id(number) == number
    assert record_id(str(number)) == number
    assert record_id(f" {number}\n") == number


@given(st.integers(max_value=0) | st.integers(min_value=MAX_RECORD_ID + 1))
def test_zero_negative_and_too_large_are_refused(number: int) -> None:
    assert record_id(number) is None
    assert record_id(str(number)) is None


@given(
    st.none()
    | st.booleans()
    | st.floats()
    | st.lists(st.integers())
    | st.text().filter(lambda text: not text.strip().isdigit())
)
def test_anything_else_is_refused(value: object) -> None:
    assert record_id(value) is None


def test_non_ascii_digits_are_refused() -> None:
    assert record_id("١٢") is None  # Arabic-Indic digits pass str.isdigit
