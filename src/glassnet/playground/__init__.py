"""The playground: watch glassnet learn in the browser, with every number of BP1–BP4 one click away.

``glassnet playground`` serves a page (plain HTML/CSS/JS in ``static/``) from a local ASGI server
(``server.py``, needs the ``playground`` extra: starlette and uvicorn). glassnet runs on the
server; the page only draws what it is sent. The parts that need no web server:

- ``data``: the point sets, their split and the features fed in;
- ``settings``: every setting the page offers, checked, and the network and optimizer they build;
- ``engine``: one session, training epoch by epoch and computing every picture and number;
- ``worker``: the thread in which ``net.fit`` trains, paused and resumed between epochs;
- ``codegen``: "show code", the same setup as a glassnet script;
- ``protocol``: the messages between page and server, their limits, the sessions.

Importing this package loads none of the optional packages.
"""
