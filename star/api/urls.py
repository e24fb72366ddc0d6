"""The /api/v1 root. Each app contributes a router; the OpenAPI document and docs are served locally."""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from star.audits.api import router as audits_router
from star.evaluation.api import router as evaluation_router
from star.framework.api import router as framework_router
from star.learning.api import router as learning_router
from star.outcomes.api import router as outcomes_router
from star.practice.api import router as practice_router
from star.voice.api import router as voice_router
from star.workforce.api import router as workforce_router

from .auth import API_AUTH

api = NinjaAPI(
    title="STAR platform API",
    version="1",
    description="Read the STAR framework and, as modules land, programme data. "
    "Authenticate with your session or a personal token (Authorization: Bearer <token>).",
    auth=API_AUTH,
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    urls_namespace="api-1",
)
api.add_router("/framework/", framework_router)
api.add_router("/workforce/", workforce_router)
api.add_router("/outcomes/", outcomes_router)
api.add_router("/practice/", practice_router)
api.add_router("/audits/", audits_router)
api.add_router("/evaluation/", evaluation_router)
api.add_router("/voice/", voice_router)
api.add_router("/learning/", learning_router)
