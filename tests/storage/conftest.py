"""The S3 emulator the storage tests start themselves: moto in server mode, over real HTTP, so
the S3 backend's client is the real boto3 client talking to a real endpoint (no mock)."""
from __future__ import annotations

import uuid

import pytest


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_credentials(monkeypatch):
    # boto3 reads these, as a deployment sets them; the emulator accepts any.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "ccan-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "ccan-test-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")


@pytest.fixture
def s3_bucket(s3_endpoint, s3_credentials):
    import boto3

    name = f"ccan-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket=name)
    return name
