__title__ = "sendblue_client"
__version__ = "0.1.0"
