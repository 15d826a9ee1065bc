from fastapi import APIRouter

from app.api.routes import enrich, health, rank

api_router = APIRouter()
api_router.include_router(health.router)
api_router.include_router(rank.router)
api_router.include_router(enrich.router)
