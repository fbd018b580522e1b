__title__ = "linq_client"
__version__ = "0.1.0"
