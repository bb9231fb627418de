"""What one server process serves: every page (the default, `make run`), or some of them
(the cluster: a process per page behind one front door), and how it says it is alive
and ready."""
