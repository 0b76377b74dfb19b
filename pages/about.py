import streamlit as st

st.title("about")
st.info("This page is being built.")
