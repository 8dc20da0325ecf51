"""Entity framing: whether an article casts an entity as Protagonist, Antagonist or Innocent, and how.

``stage.RoleFramer`` is the "framing" pipeline stage; ``classifier`` the model, ``features`` what it reads,
``training`` its cross-validated training on the SemEval subtask-1 data, ``salience`` which entities
an article frames at all, ``semeval`` the task's prediction command and ``corpus`` the roles of one
entity across many articles.
"""
