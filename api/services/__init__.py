"""The read side: run the queries of graph.queries and assemble answers with their evidence.

Both the API routers and the CLI call these functions, so an answer is the same wherever it is
asked. Sorting and paging happen here, in Python, so that both stores give identical output.
"""
