"""Writes for agreements, by concept:

* ``agreements``: drafting, versions, sign-off, and service paths that become referral
  deadlines once every party has signed;
* ``indicators``: indicators and their measurements;
* ``resources``: contributions, funding streams, expenditures and the cost-sharing rule.

Managers and administrators of a party edit; a manager of a party signs for it
(``agreements.policies``).
"""
