"""Published aggregates the synthetic demo county must reproduce (design: demo-county.md)."""

STUDENTS = {"primary": 101_188, "junior": 43_777}
TEACHERS = {"primary": 6_159, "junior": 3_349}
MIGRANT_STUDENTS = 25_764
CLASSES = {"primary": 2_239, "junior": 949}
CLASSES_WITHIN_LIMIT = {"primary": 1_104, "junior": 810}
CLASS_LIMIT = {"primary": 45, "junior": 50}
# Section classes of resource allocation: all7, six_plus, fail_below85, fail_two_or_more.
SECTION_CLASSES = {"all7": 87, "six_plus": 3, "fail_below85": 23, "fail_two_or_more": 2}
BUILT_BY_2016 = 75
OVERSIZED = {"primary": 16, "junior": 9}  # sections above 2000 students
SMALL_SCHOOLS = 2  # under 100 students
SPECIAL_SCHOOL_STUDENTS = 138  # Q2: disabled children placed in the special school
