"""Every write: build (init), import, rollback/supersede, export/restore. Each write ends with the figures
refresh (``data.figures.refresh``).
"""
