"""The intermediate model (`model`), its builder (`build`) and the decisions it records once:
names (`naming`), pagination (`pagination`) and the business rules' engine (`rule_engine`)."""
