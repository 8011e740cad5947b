"""Repository functions (keyword-only) over the store's models; callers own the transaction."""
