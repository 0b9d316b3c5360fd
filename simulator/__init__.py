"""collectsim: the dialogue engine, the command line and (later) the terminal UI.

The engine modules never import Textual; only `simulator.tui` does.
"""

__version__ = "0.1.0"
