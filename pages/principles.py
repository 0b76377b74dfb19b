import streamlit as st

st.title("principles")
st.info("This page is being built.")
