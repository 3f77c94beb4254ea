"""What a parent can see at the kiosk: the scan screen, the policy overlay, and the staff
sign-in that leads away from it. Nothing here shows another person's details.
"""
