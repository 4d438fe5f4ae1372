"""Rencana aksi (action plan) workbooks. (placeholder: being built for issue 3)"""
