"""The desk: what ``docgen serve`` offers people and office systems, as operations on the store —
projects and their versions (``projects``), who may see and do what (``access``), the audit log
(``audit``) — with the CPU work in worker processes (``work``, ``jobs``)."""
