"""catalog at the client's side: from_http_response and catalog.hooks with requests, httpx,
aiohttp and urllib, against a real HTTP server on 127.0.0.1 (server.py)."""
