"""Each view's data, built once from its URL state and the story: the page renders it, its JSON twin
returns it, its link preview describes it (as Datasette's views compute a row's data once and hand it
to each renderer). No module here imports streamlit."""
