"""Grid: work bounded by content, not by the declared dimension."""

from zi_xl.xlsx.grid import Grid


def test_rows_and_row_texts_follow_the_cells_not_the_dimension():
    g = Grid("S", values={(1, 1): "a", (1, 3): " b ", (5, 2): 7.0, (99_999_999, 1): "jauh", (2, 475_254): "kanan"},
             formulas={(7, 1): "=1+1"}, max_row=99_999_999, max_col=475_254)
    assert g.rows() == [1, 2, 5, 7, 99_999_999]
    assert g.rows(3, 7) == [5, 7] and g.rows(100) == [99_999_999]
    assert g.row_texts(1) == [(1, "a"), (3, "b")] and g.row_texts(5) == [(2, "7")]
    assert g.row_texts(2) == [(475_254, "kanan")] and g.row_texts(7) == [] and g.row_texts(4) == []
    g.values[(4, 1)] = "baru"                      # a cell added later is seen
    assert g.rows(1, 5) == [1, 2, 4, 5]
