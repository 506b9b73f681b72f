# One image for the three recruitwatch services (crawler, extractor, sink) and the topic-init job.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN useradd --create-home --uid 10001 recruitwatch
WORKDIR /app
COPY pyproject.toml README.md ./
COPY services ./services
COPY schemas ./schemas
COPY seeds ./seeds
RUN pip install -e .
USER recruitwatch
ENTRYPOINT ["recruitwatch"]
CMD ["--help"]
