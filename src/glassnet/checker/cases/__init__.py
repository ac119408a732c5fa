"""One module per exercise, each registered by being here (see ``glassnet.checker``)."""
