"""Workbook I/O: the one seam between files/live Excel and the pure core.

Readers turn a sheet into a :class:`~zi_xl.xlsx.grid.Grid`; domain modules turn grids into models.
"""
