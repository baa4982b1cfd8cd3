"""python -m facilitator"""

from facilitator.cli import main

main()
