"""Domain logic. Services talk to models and return plain dataclasses; never textual."""
