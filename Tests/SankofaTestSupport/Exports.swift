// The web tests use the engines, databases and fixtures of the store's test support as well:
// one import gives them both.
@_exported import SankofaStoreTestSupport
