"""Placeholder router until this resource is built."""

from fastapi import APIRouter

router = APIRouter()
