-- wrk: every request takes a walk-in into the queue of a branch picked at random, with that
-- branch's desk clerk's token (each clerk is on duty at her own branch, as CS-SCOPE asks).
-- wrk ... -s bench/post_visit_spread.lua URL -- DESKS, where DESKS holds "CODE TOKEN" lines.
local desks = {}
local body = '{"channel":"in_person"}'
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
end

function init(args)
   local f = assert(io.open(args[1], "r"), "post_visit_spread.lua: give the desks file after --")
   for code, token in f:read("*a"):gmatch("(%S+) (%S+)") do
      desks[#desks + 1] = {
         path = "/api/v1/branches/" .. code .. "/visits",
         headers = {["Authorization"] = "Bearer " .. token,
                    ["Content-Type"] = "application/json"},
      }
   end
   f:close()
   assert(#desks > 0, "post_visit_spread.lua: no desks in " .. args[1])
   math.randomseed(os.time() * 100 + (id or 0))
end

function request()
   local d = desks[math.random(#desks)]
   return wrk.format("POST", d.path, d.headers, body)
end
