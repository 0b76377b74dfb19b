"""Coverage: which paragraphs of a document discuss which item of a reference list (the AI
Access Principles, a framework, a list inside a document), by a reviewed reading and by the model."""
