from fastapi import APIRouter

from app.api.routes import enrich, health, outreach, rank, website

api_router = APIRouter()
api_router.include_router(health.router)
api_router.include_router(rank.router)
api_router.include_router(enrich.router)
api_router.include_router(outreach.router)
api_router.include_router(website.router)
