-- Fill the member figures added in 0004 for consortia that existed before it
-- (the same computation as refreshMemberStats() in packages/db/src/queries/consortia.ts).
UPDATE consortium c SET
  member_count = coalesce(s.n, 0),
  school_count = coalesce(s.schools, 0),
  enterprise_count = coalesce(s.enterprises, 0),
  partner_count = coalesce(s.partners, 0),
  member_regions = coalesce(s.regions, '{}')
FROM consortium c2
LEFT JOIN LATERAL (
  SELECT count(*)::int AS n,
    (count(*) FILTER (WHERE o.kind = 'school'))::int AS schools,
    (count(*) FILTER (WHERE o.kind = 'enterprise'))::int AS enterprises,
    (count(*) FILTER (WHERE o.kind = 'partner'))::int AS partners,
    array(SELECT DISTINCT x FROM unnest(array_agg(o.region_code) || array_agg(r.parent_code) || array_agg(r.province_code || '0000')) x WHERE x IS NOT NULL) AS regions
  FROM consortium_member m
  JOIN organization o ON o.id = m.organization_id
  JOIN region r ON r.code = o.region_code
  WHERE m.consortium_id = c2.id AND m.status = 'active'
) s ON true
WHERE c.id = c2.id;
