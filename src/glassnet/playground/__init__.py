"""The playground: watch glassnet learn in the browser, with every number of BP1–BP4 one click away.

``glassnet playground`` serves a page (plain HTML/CSS/JS in ``static/``) from a local ASGI server
(``server.py``, needs the ``playground`` extra: starlette and uvicorn). glassnet runs on the
server; the page only draws what it is sent. The parts that need no web server:

- ``data``: the point sets, their split and the features fed in;
- ``settings``: every setting the page offers (declared once; the page builds its controls from
  them), checked, and the network and optimizer they build;
- ``session``: one session, training epoch by epoch and computing every number the page shows;
- ``frames``: the loss curve and the heatmaps, packed into the binary frames the page draws;
- ``inspector``: one neuron at one point with the numbers of BP1–BP4, and weights edited by hand;
- ``worker``: the thread in which ``net.fit`` trains, paused and resumed between epochs;
- ``codegen``: "show code", the same setup as a glassnet script;
- ``record``: what a downloaded model records of its data, and its test points found again;
- ``protocol``: the messages between page and server, their limits, the sessions.

Importing this package loads none of the optional packages.
"""
