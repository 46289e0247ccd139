"""Writes for synthesis projects: the project, its studies, the seven steps, the translation
matrix and the third-order notes.

* Any observatory user (``helhet.observatory.policies``) may start a project in their
  municipality and becomes one of its researchers. Changing a project needs to be one of its
  researchers, or an administrator (403 otherwise); another municipality's project is a 404.
* A cell of the matrix takes only segments of its study's site coded under its construct or
  one of the construct's sub-codes; anything else is refused with a message saying why.
* A step is done only when the steps before it are done and what it needs exists
  (``workflow``); it may be reopened at any time.

Every write records a change-log row in its transaction. The writes are split by concept:
``projects`` (the project and its studies), ``steps``, ``matrix`` and ``notes``; ``common``
holds what they share. Import from those modules: this package re-exports nothing.
"""
