"""Datasets and data services an organisation holds, and their publication as DCAT-AP-NO."""
